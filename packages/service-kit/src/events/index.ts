export * from './consumer.ts';
export * from './outbox.ts';
export * from './postgres-log.ts';
export * from './relay.ts';
export * from './tables.ts';
export * from './types.ts';
export * from './runtime.ts';
export * from './drain-loop.ts';
