// The plumbing every supergraph service shares, by concern. It names no subgraph: each subgraph
// declares itself with `defineSubgraph`, and the platform's registry lists them.

// Identity and tokens: who is asking, access tokens (identity provider → gateway) and internal
// tokens (gateway → subgraphs).
export { personalDataScope, ROLES, requireScope, requireViewer, type Role, type Viewer } from './identity/viewer.ts';
export {
  ACCESS_TOKEN_ALG,
  InvalidTokenError,
  JWKS_PATH,
  KeysUnavailableError,
  SigningKeyStore,
  accessTokenVerifier,
  generateAccessTokenKeys,
  importSigningKey,
  importVerificationKey,
  remoteKeySet,
  signAccessToken,
  readSigningKeyConfig,
  verifyAccessToken,
  tokenExpiresAtMs,
  type AccessTokenSettings,
  type SigningKey,
  type SigningKeyConfig,
} from './identity/access-tokens.ts';
export {
  INTERNAL_TOKEN_HEADER,
  generateInternalSecret,
  internalRequestVerifier,
  internalTokenSigner,
  signInternalToken,
  verifyInternalRequest,
  type ClientInfo,
  type InternalCaller,
} from './identity/internal-tokens.ts';

// HTTP and the service lifecycle: one subgraph definition, built and run the same way everywhere.
export {
  createSubgraph,
  defineSubgraph,
  openSubgraphDatabase,
  type SubgraphDefinition,
  type SubgraphDeps,
  type SubgraphWiring,
  type WiringDeps,
} from './http/subgraph.ts';
export {
  apolloDefaults,
  createSubgraphService,
  serviceOf,
  type Service,
  type ServiceParts,
  type SubgraphServiceOptions,
} from './http/service.ts';
export { databaseTarget, runStandaloneSubgraph } from './http/standalone.ts';
export { stopOnSignal } from './http/shutdown.ts';
export {
  createGraphQLHandler,
  originAllowed,
  listen,
  readinessOf,
  type GraphQLHttpOptions,
  type ReadinessCheck,
  type ReadinessReport,
  type RouteResponse,
  type RunningServer,
} from './http/handler.ts';
export {
  GRAPHQL_WS_PROTOCOL,
  attachWebSocketServer,
  serveGraphQLWs,
  type SocketExtra,
  type AttachedSockets,
  type LiveCursor,
  type UpstreamExtensions,
} from './http/websocket.ts';
export { listenOperations, type Operable } from './http/operations.ts';

// Database: connections and migrations, keyset pages, batch loaders, the audit trail.
export {
  createEmbeddedDatabase,
  EMBEDDED_EXTENSIONS,
  inJsonArray,
  isUniqueViolation,
  jsonRecords,
  openDatabase,
  plainErrorMessage,
  StatementCounter,
  type Database,
  type DatabaseHandle,
  type DatabaseLifecycle,
  type DatabaseTarget,
  type OpenDatabaseOptions,
  type TransactionOf,
} from './db/database.ts';
export { after, countRows, keysetCreatedAt, newestFirst, pagePerParent, type PagePerParentQuery } from './db/keyset.ts';
export { bulkTransaction, writeInChunks, type BulkProgress, type BulkRows } from './db/bulk.ts';
export { isUuid, perArguments, rowsById, rowsByParent, valuesByParent } from './db/loaders.ts';
export {
  AUDIT_REDACTION_SETTING,
  AUDIT_RETENTION_SETTING,
  auditTable,
  auditTrailOf,
  type AuditPerson,
  dataAccessLog,
  pruneAudit,
  recordAudit,
  recordAudits,
  type DataAccessLog,
  redactAudit,
  type AuditEntry,
  type AuditTable,
} from './db/audit.ts';
export {
  auditRetention,
  daysBefore,
  describeRemovals,
  RetentionJob,
  type RetentionRemoval,
  type RetentionTask,
} from './db/retention.ts';
export { appliedEventsRetention, eventLogRetention } from './events/retention.ts';
export {
  readAuditLog,
  type AuditLogPage,
  type AuditLogEntry,
  type AuditLogFilterInput,
} from './db/audit-log-query.ts';

// Events: transactional outbox, the log, idempotent per-aggregate consumers that park what fails.
export {
  EVENT_CONSUMER_DEFAULTS,
  EventConsumer,
  lockConsumer,
  retryDelayMs,
  type ConsumerDefinition,
  type ConsumerOptions,
  type ParkedEvent,
  type RetryResult,
} from './events/consumer.ts';
export { recordEvents, type NewEvent } from './events/outbox.ts';
export { EventFeed, TooFarBehindError, type EventFeedOptions } from './events/feed.ts';
export { PostgresEventLog } from './events/postgres-log.ts';
export { NATS_DEFAULTS, NatsEventLog, type NatsEventsConfig } from './events/nats-log.ts';
export { openEventLog, type EventLog } from './events/open.ts';
export { readEventsTransportConfig, type EventsTransportConfig } from './config/events-transport.ts';
export { OutboxRelay, type RelayOptions } from './events/relay.ts';
export { EventRuntime, type EventRuntimeOptions } from './events/runtime.ts';
export { consumerTables, eventColumns, outboxTable, type ConsumerTables, type OutboxTable, type SetAsideState } from './events/tables.ts';
export type { DomainEvent, EventTransport, LoggedEvent } from './events/types.ts';

// GraphQL: error codes and masking, input checks, field rules, scalars, connections.
export {
  ErrorCode,
  INTERNAL_MESSAGE,
  PublicError,
  badUserInput,
  classifyError,
  conflict,
  fail,
  forbidden,
  logUnexpected,
  maskUnexpectedErrors,
  notFound,
  unauthenticated,
  unexpectedErrorLogging,
} from './graphql/errors.ts';
export { inputChecker, inputGuard, textProblem } from './graphql/input-guard.ts';
export { Channel, ChannelOverflowError } from './graphql/channel.ts';
export { KEY_SOURCES, rules, validateInput, validId, type KeySource } from './graphql/validation.ts';
export { DateTimeScalar, JSONObjectScalar, SCALARS, SafeIntScalar, parseDateTime } from './graphql/scalars.ts';
export {
  DEFAULT_COUNT_LIMIT,
  DEFAULT_PAGE_SIZE,
  MAX_COUNT_LIMIT,
  MAX_PAGE_SIZE,
  countLimit,
  countUpTo,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  toCountedConnection,
  type CountedConnection,
  type Connection,
  type Count,
  type RowCounter,
  type Position,
} from './graphql/pagination.ts';

// Shared state between replicas (REDIS_URL): one connection per service, keys under one prefix.
export {
  opaqueKey,
  readRedisConfig,
  redisEnv,
  redisSettingsOf,
  RedisConnection,
  type RedisConfig,
  type RedisState,
} from './redis/connection.ts';

// Observability: logs, metrics, traces, one line per request.
export { createLogger, type DestinationStream, type Logger } from './observability/logger.ts';
export { createMetrics, mergeRegistries, processMetrics, type Metrics } from './observability/metrics.ts';
export { injectTraceContext, startTracing, withServerSpan } from './observability/tracing.ts';
export { requestLogging, type RequestIdentity } from './observability/request-log.ts';

// Configuration: environment variables parsed once, every problem reported together.
export {
  ConfigError,
  OPERATIONS_PORT,
  env,
  loadOrExit,
  loadEnvFile,
  operationsEnv,
  parseEnv,
  readAll,
  readOperationsConfig,
  readTracingConfig,
  z,
  type OperationsConfig,
  type TracingConfig,
} from './config/env.ts';
export {
  readSubgraphConfig,
  RETENTION_DEFAULTS,
  type DatabaseConfig,
  type EventsConfig,
  type RetentionConfig,
  type SubgraphConfig,
} from './config/subgraph.ts';
export { createRandom, type Random } from './random.ts';
