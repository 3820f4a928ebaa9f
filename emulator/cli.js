#!/usr/bin/env node
// `npm run emulator`: starts the emulator from flags and environment variables and prints its address.
import { parseArgs } from 'node:util';
import { DEFAULTS } from './config.js';
import { startEmulator } from './server.js';

const HELP = `Genesys Cloud Guest Chat API and Web Messaging emulator

Usage: npm run emulator -- [options]

  --port <n>                 port (env PORT, default 8787; 0 = any free port)
  --host <addr>              address to bind (env HOST, default 127.0.0.1)
  --organization-id <id>     (env EMULATOR_ORGANIZATION_ID, default ${DEFAULTS.organizationId})
  --deployment-id <id>       (env EMULATOR_DEPLOYMENT_ID, default ${DEFAULTS.deploymentId})
  --queues <a,b>             queue names (env EMULATOR_QUEUES, default "${DEFAULTS.queues.join(',')}")
  --allowed-origins <a,b>    origins that may create chats (env EMULATOR_ALLOWED_ORIGINS, default: any)
  --heartbeat-ms <n>         heartbeat interval (env EMULATOR_HEARTBEAT_MS, default ${DEFAULTS.heartbeatIntervalMs})
  --grace-ms <n>             how long a guest may stay away (env EMULATOR_GRACE_MS, default ${DEFAULTS.guestGraceMs})
  --quiet                    no request log
  --help`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'organization-id': { type: 'string' },
    'deployment-id': { type: 'string' },
    queues: { type: 'string' },
    'allowed-origins': { type: 'string' },
    'heartbeat-ms': { type: 'string' },
    'grace-ms': { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const env = process.env;
/** @param {string | undefined} text */
const list = (text) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
/**
 * @param {string | undefined} text
 * @param {string} name
 */
const number = (text, name) => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, got "${text}"`);
    process.exit(2);
  }
  return value;
};

const emulator = await startEmulator({
  port: number(values.port ?? env.PORT, 'port') ?? 8787,
  host: values.host ?? env.HOST,
  quiet: values.quiet,
  organizationId: values['organization-id'] ?? env.EMULATOR_ORGANIZATION_ID,
  deploymentId: values['deployment-id'] ?? env.EMULATOR_DEPLOYMENT_ID,
  queues: list(values.queues ?? env.EMULATOR_QUEUES),
  allowedOrigins: list(values['allowed-origins'] ?? env.EMULATOR_ALLOWED_ORIGINS),
  heartbeatIntervalMs: number(values['heartbeat-ms'] ?? env.EMULATOR_HEARTBEAT_MS, 'heartbeat-ms'),
  guestGraceMs: number(values['grace-ms'] ?? env.EMULATOR_GRACE_MS, 'grace-ms'),
});

const { config } = emulator.store;
console.log(`Genesys Cloud emulator listening on ${emulator.url}`);
console.log(`  organizationId ${config.organizationId}`);
console.log(`  deploymentId   ${config.deploymentId}`);
console.log(`  queues         ${config.queues.map((queue) => `${queue.name} (${queue.id})`).join(', ')}`);

const stop = () => emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
