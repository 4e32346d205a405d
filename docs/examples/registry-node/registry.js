#!/usr/bin/env node
// Confluent's own JavaScript client (@confluentinc/schemaregistry) against a Lucid registry: registers a Lucid
// schema under a TopicRecordNameStrategy subject, reads it back every way the client offers, evolves it, is refused
// an incompatible and an invalid schema, and round-trips a record through Confluent's Avro serde. It prints one JSON
// report; `ok` is false if any check failed.
//
//   npm ci
//   node registry.js --registry http://localhost:8081 \
//       --schema ../../../schemas/src/main/avro-released/v0.1.0/node/NodeRegistered.avsc [--topic lucid.example.events]
//       [--decode <hex of a value in the wire format, written by another client>]
'use strict';

const fs = require('fs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType, SubjectNameStrategyType,
} = require('@confluentinc/schemaregistry');

function parseArgs(argv) {
  const options = { registry: 'http://localhost:8081', topic: 'lucid.example.events', schema: null, decode: null };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options) || i + 1 >= argv.length) throw new Error(`unknown or incomplete argument ${argv[i]}`);
    options[name] = argv[++i];
  }
  if (!options.schema) throw new Error('--schema <path to a self-contained .avsc> is required');
  return options;
}

function errorOf(e) {
  return { status: e.status ?? null, error_code: e.errorCode ?? null, message: e.message };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const client = new SchemaRegistryClient({ baseURLs: [options.registry], cacheCapacity: 100 });
  const v1 = JSON.parse(fs.readFileSync(options.schema, 'utf8'));
  const fullName = `${v1.namespace}.${v1.name}`;
  const subject = `${options.topic}-${fullName}`;
  const info = (schema) => ({ schemaType: 'AVRO', schema: JSON.stringify(schema) });
  const checks = [];
  const check = async (name, run, expect) => {
    try {
      const value = await run();
      const ok = expect(value);
      checks.push({ name, ok, value });
    } catch (e) {
      checks.push({ name, ok: false, error: errorOf(e) });
    }
  };
  const refused = async (name, run, expect) => {
    try {
      const value = await run();
      checks.push({ name, ok: false, value, error: { message: 'was accepted' } });
    } catch (e) {
      checks.push({ name, ok: expect(e), error: errorOf(e) });
    }
  };

  const id = await client.register(subject, info(v1));
  checks.push({ name: 'register', ok: Number.isInteger(id) && id > 0, value: id });
  await check('register again returns the same id', () => client.register(subject, info(v1)), (v) => v === id);
  await check('getId', () => client.getId(subject, info(v1)), (v) => v === id);
  await check('getBySubjectAndId', async () => JSON.parse((await client.getBySubjectAndId(subject, id)).schema).name,
    (v) => v === v1.name);
  await check('getLatestSchemaMetadata', () => client.getLatestSchemaMetadata(subject),
    (v) => v.id === id && v.version === 1 && v.subject === subject);
  await check('getSchemaMetadata', () => client.getSchemaMetadata(subject, 1), (v) => v.id === id);
  await check('getVersion', () => client.getVersion(subject, info(v1)), (v) => v === 1);
  await check('getAllVersions', () => client.getAllVersions(subject), (v) => JSON.stringify(v) === '[1]');
  await check('getAllSubjects', () => client.getAllSubjects(), (v) => v.includes(subject));
  await check('getDefaultCompatibility', () => client.getDefaultCompatibility(), (v) => typeof v === 'string');
  await check('updateCompatibility', () => client.updateCompatibility(subject, 'BACKWARD_TRANSITIVE'),
    (v) => v === 'BACKWARD_TRANSITIVE');
  await check('getCompatibility', () => client.getCompatibility(subject), (v) => v === 'BACKWARD_TRANSITIVE');

  const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null, doc: 'Added in v2.' }] };
  const broken = { ...v1, fields: [...v1.fields, { name: 'required_note', type: 'string', doc: 'No default.' }] };
  await check('compatible evolution is compatible', () => client.testSubjectCompatibility(subject, info(v2)), (v) => v === true);
  await check('incompatible evolution is not', () => client.testSubjectCompatibility(subject, info(broken)), (v) => v === false);
  await refused('incompatible registration is 409', () => client.register(subject, info(broken)),
    (e) => e.status === 409 && e.errorCode === 409);
  await refused('invalid Avro is 42201', () => client.register(subject, { schemaType: 'AVRO', schema: '{"type":"record","name":"x"}' }),
    (e) => e.status === 422 && e.errorCode === 42201);
  const id2 = await client.register(subject, info(v2));
  await check('evolved schema gets version 2', () => client.getAllVersions(subject), (v) => JSON.stringify(v) === '[1,2]');

  // The serializer writes with the registered schema (useSchemaId). The client's TOPIC_RECORD strategy can only name
  // a subject once it knows the schema, which useSchemaId fetches by subject: so the subject is given directly.
  const serializer = new AvroSerializer(client, SerdeType.VALUE,
    { subjectNameStrategy: () => subject, useSchemaId: id, autoRegisterSchemas: false });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE,
    { subjectNameStrategyType: SubjectNameStrategyType.TOPIC_RECORD });
  const record = {
    node_id: 'node_from_javascript', name: 'from-javascript', node_type: 'storage',
    hardware: { cpu_cores: 4, memory_bytes: 8589934592, storage_bytes: 107374182400, storage_type: 'HDD', network_mbps: 250, gpu_model: null },
    location: { country: 'FR', region: null },
    wallet_address: 'TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz',
    public_key: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
    registered_at: 1767225600123, // timestamp-millis: this client encodes the number of milliseconds
  };
  const encoded = await serializer.serialize(options.topic, record);
  checks.push({ name: 'serializer writes the Confluent wire format', ok: encoded[0] === 0 && encoded.readInt32BE(1) === id });
  await check('deserializer reads it back', async () => (await deserializer.deserialize(options.topic, encoded)).node_id,
    (v) => v === record.node_id);
  const scratch = `${options.topic}.scratch-${fullName}`;
  await client.register(scratch, info(v1));
  await check('soft delete of a subject', () => client.deleteSubject(scratch, false), (v) => JSON.stringify(v) === '[1]');
  await check('soft-deleted subject is not listed', () => client.getAllSubjects(), (v) => !v.includes(scratch));
  await check('hard delete of a soft-deleted subject', () => client.deleteSubject(scratch, true), (v) => JSON.stringify(v) === '[1]');
  await refused('a hard-deleted subject is gone', () => client.getAllVersions(scratch),
    (e) => e.status === 404 && e.errorCode === 40401);

  let decoded = null;
  if (options.decode) {
    decoded = await deserializer.deserialize(options.topic, Buffer.from(options.decode, 'hex'));
  }

  const report = {
    ok: checks.every((c) => c.ok), subject, id, id2, checks,
    encoded: encoded.toString('hex'), decoded,
  };
  process.stdout.write(`${JSON.stringify(report, (k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
  client.close();
}

main().catch((e) => {
  console.error(`registry-node: ${e.stack || e.message}`);
  process.exit(1);
});
