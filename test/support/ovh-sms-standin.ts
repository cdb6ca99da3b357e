/**
 * A stand-in for the OVHcloud API's SMS part, over HTTP on loopback, as OVH documents it:
 *
 * - `GET /1.0/auth/time`: the server's Unix time (clients sign with it, not with their own clock);
 * - every other call signed: `X-Ovh-Application`, `X-Ovh-Consumer`, `X-Ovh-Timestamp` (within 180 s
 *   of the server's time) and `X-Ovh-Signature: "$1$" + SHA1(AS + "+" + CK + "+" + METHOD + "+" +
 *   full URL + "+" + body + "+" + timestamp)`; a wrong one is refused with 400/403 like OVH
 *   (« Invalid signature »);
 * - `POST /1.0/sms/{service}/jobs` `{ message, receivers, sender, noStopClause, … }` →
 *   `{ totalCreditsRemoved, invalidReceivers, ids, validReceivers, tag }`; a receiver that is not
 *   E.164 is invalid; a marketing message (no `noStopClause`) gets the STOP mention appended;
 * - `GET /1.0/sms/{service}/incoming` (ids) and `…/incoming/{id}` (`{ id, sender, message,
 *   creationDatetime, credits, tag }`), fed by `customerTexts()`;
 * - `GET /1.0/sms/{service}/outgoing/{id}` (a sent job: `{ id, receiver, sender, message, tag,
 *   deliveryReceipt, credits }`, the receipt 0 until `receipt()` gives the operator's DLR code).
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OvhSmsStandIn {
  baseUrl: string;
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  serviceName: string;
  /** Jobs accepted, with what the handset would show. */
  jobs: Array<{ id: number; receivers: string[]; message: string; shown: string; sender: string; noStopClause: boolean; tag: string | null }>;
  /** Requests refused for their signature. */
  refusedSignatures: number;
  customerTexts(from: string, text: string, at?: Date): number;
  /** The operator's receipt for a job: 1 delivered, 2 not delivered, 16 rejected (DLR codes, as `deliveryReceipt`). */
  receipt(jobId: number, code: 1 | 2 | 4 | 8 | 16): void;
  faults: { rateLimit: boolean };
  stop(): Promise<void>;
}

export async function startOvhSmsStandIn(options: { now?: () => number } = {}): Promise<OvhSmsStandIn> {
  const now = options.now ?? Date.now;
  const applicationKey = randomBytes(8).toString('hex');
  const applicationSecret = randomBytes(16).toString('hex');
  const consumerKey = randomBytes(16).toString('hex');
  const serviceName = 'sms-dc12345-1';
  const jobs: OvhSmsStandIn['jobs'] = [];
  const incoming: Array<{ id: number; sender: string; message: string; creationDatetime: string }> = [];
  let nextJob = 27_814_656;
  let nextIncoming = 4_112;
  const faults = { rateLimit: false };
  const receipts = new Map<number, number>();
  const state = { refusedSignatures: 0 };
  let base = '';

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'GET' && path === '/1.0/auth/time') return reply(200, Math.floor(now() / 1000));
      const ts = Number(req.headers['x-ovh-timestamp']);
      const expected = `$1$${createHash('sha1').update(`${applicationSecret}+${consumerKey}+${req.method}+${base}${req.url}+${body}+${req.headers['x-ovh-timestamp']}`).digest('hex')}`;
      if (req.headers['x-ovh-application'] !== applicationKey) return reply(403, { errorCode: 'INVALID_KEY', httpCode: '403 Forbidden', message: 'This application key is invalid' });
      if (!Number.isFinite(ts) || Math.abs(ts - now() / 1000) > 180) return reply(400, { errorCode: 'QUERY_TIME_OUT', message: 'Query out of time' });
      if (req.headers['x-ovh-consumer'] !== consumerKey || req.headers['x-ovh-signature'] !== expected) {
        state.refusedSignatures++;
        return reply(400, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' });
      }
      const prefix = `/1.0/sms/${serviceName}`;
      if (req.method === 'POST' && path === `${prefix}/jobs`) {
        if (faults.rateLimit) {
          res.setHeader('retry-after', '1');
          return reply(429, { message: 'Too many requests' });
        }
        let job: { message?: string; receivers?: string[]; sender?: string; noStopClause?: boolean; tag?: string };
        try {
          job = JSON.parse(body) as typeof job;
        } catch {
          return reply(400, { message: 'Invalid JSON' });
        }
        if (!job.message || !Array.isArray(job.receivers) || job.receivers.length === 0) return reply(400, { message: 'Missing parameter message or receivers' });
        const valid = job.receivers.filter((r) => /^\+[1-9]\d{7,14}$/.test(r));
        const invalid = job.receivers.filter((r) => !valid.includes(r));
        const ids = valid.map(() => nextJob++);
        valid.forEach((receiver, i) =>
          jobs.push({ id: ids[i]!, receivers: [receiver], message: job.message!, shown: job.noStopClause ? job.message! : `${job.message}\nSTOP 36111`, sender: job.sender ?? '', noStopClause: job.noStopClause === true, tag: job.tag ?? null }),
        );
        return reply(200, { totalCreditsRemoved: ids.length, invalidReceivers: invalid, ids, validReceivers: valid, tag: job.tag ?? null });
      }
      if (req.method === 'GET' && path === `${prefix}/incoming`) return reply(200, incoming.map((m) => m.id));
      const one = new RegExp(`^${prefix}/incoming/(\\d+)$`).exec(path);
      if (req.method === 'GET' && one) {
        const m = incoming.find((x) => x.id === Number(one[1]));
        return m ? reply(200, { ...m, credits: 0, tag: null }) : reply(404, { message: 'The requested object (id = ' + one[1] + ') does not exist' });
      }
      const outgoing = new RegExp(`^${prefix}/outgoing/(\\d+)$`).exec(path);
      if (req.method === 'GET' && outgoing) {
        const job = jobs.find((j) => j.id === Number(outgoing[1]));
        if (!job) return reply(404, { message: 'The requested object (id = ' + outgoing[1] + ') does not exist' });
        return reply(200, { id: job.id, receiver: job.receivers[0], sender: job.sender, message: job.shown, tag: job.tag, deliveryReceipt: receipts.get(job.id) ?? 0, credits: 1 });
      }
      reply(404, { message: `Got an invalid (or empty) URL` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    baseUrl: base,
    applicationKey,
    applicationSecret,
    consumerKey,
    serviceName,
    jobs,
    get refusedSignatures() {
      return state.refusedSignatures;
    },
    faults,
    customerTexts(from, text, at) {
      const id = nextIncoming++;
      incoming.push({ id, sender: from, message: text, creationDatetime: (at ?? new Date(now())).toISOString() });
      return id;
    },
    receipt(jobId, code) {
      receipts.set(jobId, code);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
