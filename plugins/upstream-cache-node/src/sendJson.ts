import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

interface Encoded {
  json: Buffer;
  etag: string;
  gzip?: Buffer;
}

const encodings = new WeakMap<object, Encoded>();

/** Below this many bytes gzip costs more than it saves (the compression middleware's own threshold). */
const GZIP_THRESHOLD = 1024;

/**
 * Sends a JSON body that many requests share, such as a view a plugin keeps
 * for a refresh period: it is serialised, hashed and gzipped once per object,
 * not once per request, and a client that already has it (If-None-Match)
 * gets 304. The root router's compression leaves an already encoded body
 * alone. Objects built per request should go through `res.json`.
 */
export function sendSharedJson(req: Request, res: Response, body: object) {
  let encoded = encodings.get(body);
  if (!encoded) {
    const json = Buffer.from(JSON.stringify(body));
    encoded = {
      json,
      etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
    };
    encodings.set(body, encoded);
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', encoded.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (
    encoded.json.length >= GZIP_THRESHOLD &&
    req.acceptsEncodings('gzip', 'identity') === 'gzip'
  ) {
    encoded.gzip ??= gzipSync(encoded.json);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', encoded.gzip.length);
    res.end(encoded.gzip);
    return;
  }
  res.setHeader('Content-Length', encoded.json.length);
  res.end(encoded.json);
}
