import { NATS_DEFAULTS, type NatsEventsConfig } from '../events/nats-log.ts';
import { ConfigError, parseEnv, z } from './env.ts';

/** Which transport carries events between subgraphs (EVENTS_TRANSPORT), and NATS's settings when it is `nats`. */
export type EventsTransportConfig = { kind: 'postgres' } | { kind: 'nats'; nats: NatsEventsConfig };

const natsUrl = z.string().refine((v) => v.split(',').every((u) => /^(nats|tls|wss?):\/\/[^\s/]+/.test(u.trim())), {
  message: 'must be one or more NATS server URLs, comma-separated, for example nats://127.0.0.1:4222',
});

const schema = z.object({
  EVENTS_TRANSPORT: z.enum(['postgres', 'nats'], { message: 'must be postgres (the default) or nats' }).default('postgres'),
  NATS_URL: natsUrl.optional(),
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, - or _' })
    .default(NATS_DEFAULTS.stream),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'must be dot-separated words of letters, digits, - or _ (no wildcards)' })
    .default(NATS_DEFAULTS.subjectPrefix),
  NATS_STREAM_MAX_AGE_DAYS: z.coerce
    .number()
    .int()
    .min(0, { message: 'must be 0 (keep every event) or a number of days' })
    .max(36_500)
    .default(NATS_DEFAULTS.maxAgeDays),
  NATS_STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0, { message: 'must be 0 (no limit) or a number of bytes' })
    .default(NATS_DEFAULTS.maxBytes),
  NATS_DUPLICATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400, { message: 'must be at most a week (604800)' })
    .default(NATS_DEFAULTS.duplicateWindowSeconds),
  NATS_ACK_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(NATS_DEFAULTS.ackWaitSeconds),
});

/** Reads EVENTS_TRANSPORT and the NATS_* settings, every problem reported together. */
export function readEventsTransportConfig(source: Record<string, string | undefined>): EventsTransportConfig {
  const missingUrl =
    source.EVENTS_TRANSPORT === 'nats' && !source.NATS_URL
      ? ['NATS_URL: is required when EVENTS_TRANSPORT=nats (for example nats://127.0.0.1:4222)']
      : [];
  let parsed: z.infer<typeof schema>;
  try {
    parsed = parseEnv(schema, source);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...error.problems, ...missingUrl]);
    throw error;
  }
  if (missingUrl.length > 0) throw new ConfigError(missingUrl);
  if (parsed.EVENTS_TRANSPORT === 'postgres' || !parsed.NATS_URL) return { kind: 'postgres' };
  return {
    kind: 'nats',
    nats: {
      url: parsed.NATS_URL,
      stream: parsed.NATS_STREAM,
      subjectPrefix: parsed.NATS_SUBJECT_PREFIX,
      maxAgeDays: parsed.NATS_STREAM_MAX_AGE_DAYS,
      maxBytes: parsed.NATS_STREAM_MAX_BYTES,
      duplicateWindowSeconds: parsed.NATS_DUPLICATE_WINDOW_SECONDS,
      ackWaitSeconds: parsed.NATS_ACK_WAIT_SECONDS,
    },
  };
}
