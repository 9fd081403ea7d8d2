import express from 'express';
import request from 'supertest';
import { sendSharedJson } from './sendJson';

function app(body: () => object) {
  const a = express();
  a.get('/view', (req, res) => sendSharedJson(req, res, body()));
  return a;
}

describe('sendSharedJson', () => {
  const big = { nodes: Array.from({ length: 500 }, (_, i) => ({ i })) };

  it('gzips a large body for clients that accept it, once per object', async () => {
    let serialised = 0;
    const view = {
      toJSON() {
        serialised++;
        return big;
      },
    };
    const server = app(() => view);
    for (let i = 0; i < 3; i++) {
      // supertest inflates the body; the header says what came over the wire
      const res = await request(server)
        .get('/view')
        .set('Accept-Encoding', 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(Number(res.headers['content-length'])).toBeLessThan(
        JSON.stringify(big).length / 2,
      );
      expect(res.body).toEqual(big);
    }
    expect(serialised).toBe(1);
  });

  it('sends plain JSON to clients that do not accept gzip, and small bodies as they are', async () => {
    const plain = await request(app(() => big))
      .get('/view')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(big);
    const small = await request(app(() => ({ ok: true })))
      .get('/view')
      .set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toEqual({ ok: true });
  });

  it('answers 304 to a client that has the same object, 200 when it changed', async () => {
    let current: object = big;
    const server = app(() => current);
    const first = await request(server).get('/view');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^".+"$/);
    const again = await request(server).get('/view').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    current = { nodes: [] };
    const changed = await request(server)
      .get('/view')
      .set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ nodes: [] });
  });
});
