/**
 * JSON-lines logger. One line per event, rotated by size, and scrubbed: a field whose name looks like
 * a secret is replaced before the line is written, so a token or password never reaches the disk.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MAX_FIELD_CHARS = 2000;

function scrub(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack?.split('\n').slice(0, 6).join('\n') };
  if (typeof value === 'string') return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…(${value.length})` : value;
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : scrub(v, depth + 1);
  return out;
}

export interface FileLoggerOptions {
  file: string;
  level?: LogLevel;
  /** Rotate when the file passes this size; keeps `keep` old files (.1 is the newest). */
  maxBytes?: number;
  keep?: number;
  /** Also echo warnings and errors to stderr (CLI, web mode). */
  echo?: boolean;
}

class JsonLinesLogger implements Logger {
  constructor(
    private readonly sink: (line: string, level: LogLevel) => void,
    private readonly minLevel: LogLevel,
    private readonly scope: string,
  ) {}

  private write(level: LogLevel, msg: string, fields?: LogFields) {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, scope: this.scope, msg, ...(scrub(fields ?? {}) as object) });
    this.sink(line, level);
  }
  debug(msg: string, fields?: LogFields) { this.write('debug', msg, fields); }
  info(msg: string, fields?: LogFields) { this.write('info', msg, fields); }
  warn(msg: string, fields?: LogFields) { this.write('warn', msg, fields); }
  error(msg: string, fields?: LogFields) { this.write('error', msg, fields); }
  child(scope: string): Logger { return new JsonLinesLogger(this.sink, this.minLevel, `${this.scope}.${scope}`); }
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let size = fs.existsSync(options.file) ? fs.statSync(options.file).size : 0;
  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${options.file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${options.file}.${i + 1}`);
    }
    fs.renameSync(options.file, `${options.file}.1`);
    size = 0;
  };
  const sink = (line: string, level: LogLevel) => {
    try {
      if (size + line.length + 1 > maxBytes && size > 0) rotate();
      fs.appendFileSync(options.file, `${line}\n`, { mode: 0o600 });
      size += Buffer.byteLength(line) + 1;
    } catch {
      // A full disk must not take the console down with it.
    }
    if (options.echo && LEVELS[level] >= LEVELS.warn) process.stderr.write(`${line}\n`);
  };
  return new JsonLinesLogger(sink, options.level ?? 'info', 'accueil');
}

/** A logger that keeps lines in memory: for tests that assert a clear log line was written. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = new JsonLinesLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>), level, 'accueil');
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = new JsonLinesLogger(() => {}, 'error', 'accueil');
