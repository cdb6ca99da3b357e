/**
 * The technicians' app's server side over HTTP (the public surface in front of the product on a
 * company-server configuration, demo workspace): a phone reading its round, then sending what a
 * visit makes offline — sheet edits, 300 KB photos, the signature — and « Terminé » (the report PDF
 * with its photos), each visit's actions then replayed whole as after a lost answer (applied once:
 * the replay is only lookups).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Booking, Technician } from '../electron/contract/booking-calls';
import { createAccueil } from '../electron/services/accueil';
import { createMemoryLogger } from '../electron/services/log';
import { ServerConfigSchema } from '../electron/services/server-config';
import { startPublicSurface } from '../electron/host/public-channel';
import { addDays, localTime } from '../electron/services/shared/paris-time';
import { line, ms, summarize } from './stats';

const HOST = 'terrain.example.test';
const VISITS = Number(process.env['ACCUEIL_BENCH_TECHNICIAN_VISITS'] ?? 8);
const PASSWORD = 'chaudière-en-fonte-1987';

/** A real PNG of about `bytes` bytes (noise does not compress): what a downscaled photo weighs. */
function photo(bytes: number, seed: number): Buffer {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const raw = Buffer.alloc((side * 3 + 1) * side);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) raw[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  for (let y = 0; y < side; y++) raw[y * (side * 3 + 1)] = 0;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    let c = 0xffffffff;
    for (const b of body) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE((c ^ 0xffffffff) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export async function benchTechnician() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-technicien-'));
  const accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'bench',
    logger: createMemoryLogger('error'),
    demoContacts: 200,
    server: { ...ServerConfigSchema.parse({ dataDir: dir, publicListen: '127.0.0.1:0', publicUrl: `https://${HOST}` }), agentUrl: 'http://127.0.0.1:0', file: path.join(dir, 'accueil.json') },
  });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const envelope = await accueil.dispatch(name as never, input as never, { access: 'admin' });
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  const accounts = accueil.port('accounts');
  const { account, passwordToken } = accounts.add({ login: 'karim', name: 'Karim', role: 'technician' }, { login: 'bench' });
  await accounts.setPassword(passwordToken, PASSWORD);
  const technician = await call<Technician>('booking.saveTechnician', {
    name: 'Karim',
    userId: account.id,
    skills: ['chaudiere_gaz'],
    hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '07:00', end: '21:00' })),
    startAddress: '35000 Rennes',
  });
  const tomorrow = addDays(localTime(new Date()).date, 1);
  const visits: string[] = [];
  for (let i = 0; i < VISITS; i++) {
    const start = 7 * 60 + i * 90;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const booked = await call<Booking>('booking.book', { typeId: 'entretien-chaudiere-gaz', address: `${i + 1} rue de Paris, 35000 Rennes`, day: tomorrow, windowStart: hhmm(start), windowEnd: hhmm(start + 90), technicianId: technician.id });
    visits.push(booked.interventionId);
  }
  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${HOST}`,
    trustedProxies: ['127.0.0.1'],
    logger: createMemoryLogger('error'),
    secrets: accueil.secrets,
    version: 'bench',
    services: { port: (name) => accueil.port(name) },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const cookies = new Map<string, string>();
  const request = (method: 'GET' | 'POST', pathname: string, body?: unknown, token?: string) =>
    new Promise<{ ms: number; status: number; json: () => unknown }>((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = { Host: HOST, 'X-Forwarded-For': '198.51.100.7', Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      if (data) Object.assign(headers, { 'Content-Type': 'application/json', Origin: `https://${HOST}`, 'Content-Length': String(data.length), 'X-CSRF-Token': token ?? '' });
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port: surface.port, method, path: pathname, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair] = c.split(';');
            cookies.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, json: () => JSON.parse(text) as unknown });
        });
      });
      req.on('error', reject);
      req.end(data);
    });
  const tokens = async () => ((await request('GET', '/technicien/api/jeton')).json() as { tokens: { signIn: string; actions: string } }).tokens;
  const signIn = await request('POST', '/technicien/api/connexion', { login: 'karim', password: PASSWORD }, (await tokens()).signIn);
  if (signIn.status !== 200) throw new Error(`sign-in ${signIn.status}`);
  const { actions: token } = await tokens();

  const round: number[] = [];
  for (let i = 0; i < 50; i++) round.push((await request('GET', '/technicien/api/journee')).ms);
  const edits: number[] = [];
  const photos: number[] = [];
  const done: number[] = [];
  const replays: number[] = [];
  const picture = photo(300_000, 1).toString('base64');
  const signature = photo(20_000, 2).toString('base64');
  const madeAt = new Date().toISOString();
  for (const [v, id] of visits.entries()) {
    const actions: unknown[] = [];
    const send = async (action: Record<string, unknown>, into: number[]) => {
      const full = { clientId: `b${String(v).padStart(3, '0')}${String(actions.length).padStart(4, '0')}-0000-4000-8000-000000000000`, interventionId: id, madeAt, ...action };
      actions.push(full);
      const answer = await request('POST', '/technicien/api/actions', { actions: [full] }, token);
      if (answer.status !== 200) throw new Error(`actions ${answer.status}`);
      into.push(answer.ms);
    };
    await send({ kind: 'edit', base: { startedAt: null }, changes: { startedAt: madeAt } }, edits);
    await send({ kind: 'edit', base: { checklist: null }, changes: { checklist: JSON.stringify([{ label: 'Mesure du monoxyde de carbone (CO)', done: true }]) } }, edits);
    await send({ kind: 'edit', base: { report: null, stoppedAt: null }, changes: { report: 'Brûleur nettoyé, CO 12 ppm.', stoppedAt: madeAt } }, edits);
    await send({ kind: 'photo', photo: { data: picture } }, photos);
    await send({ kind: 'photo', photo: { data: picture } }, photos);
    await send({ kind: 'signature', signature: { data: signature } }, photos);
    await send({ kind: 'done' }, done);
    replays.push((await request('POST', '/technicien/api/actions', { actions }, token)).ms);
  }
  await surface.close();
  await accueil.close();
  agent.destroy();
  fs.rmSync(dir, { recursive: true, force: true });

  const r = summarize(round);
  const e = summarize(edits);
  const p = summarize(photos);
  const d = summarize(done);
  const rp = summarize(replays);
  return {
    lines: [
      'Application des techniciens (HTTP, surface publique)',
      line(`tournée du jour (${VISITS} visites), ${r.n} lectures`, `p50 ${ms(r.p50)} · p95 ${ms(r.p95)}`),
      line(`modification de la fiche, ${e.n} envois`, `p50 ${ms(e.p50)} · p95 ${ms(e.p95)}`),
      line(`photo 300 Ko / signature, ${p.n} envois`, `p50 ${ms(p.p50)} · p95 ${ms(p.p95)}`),
      line(`« Terminé » (PDF, 2 photos, signature), ${d.n}`, `p50 ${ms(d.p50)} · p95 ${ms(d.p95)}`),
      line(`lot de 7 actions renvoyé (déjà appliqué), ${rp.n}`, `p50 ${ms(rp.p50)} · p95 ${ms(rp.p95)}`),
    ],
    figures: { roundMs: r, editMs: e, pictureMs: p, doneMs: d, replayMs: rp },
  };
}
