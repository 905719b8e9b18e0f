/** TLS: verification is always on; a custom CA bundle makes a private certificate trusted. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { ComClient, ComConnectionError, TokenError } from "../../sdk";
import { scratchDir } from "../helpers/paths";

describe("TLS", () => {
  const dir = scratchDir("tls");
  let server: https.Server;
  let url: string;
  let ca: Buffer;
  let connections = 0;

  beforeAll(async () => {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
      "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { stdio: "ignore" });
    ca = fs.readFileSync(cert);
    server = https.createServer({ key: fs.readFileSync(key), cert: ca }, (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(req.url?.startsWith("/as/token.oauth2")
        ? JSON.stringify({ access_token: "tls-test-token", token_type: "Bearer", expires_in: 900 })
        : JSON.stringify({ offset: 0, count: 0, total: 0, items: [] }));
    });
    server.on("secureConnection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const client = (extra: object = {}) => new ComClient({
    endpoint: url, tokenUrl: `${url}/as/token.oauth2`, clientId: `tls-${Math.random()}`, clientSecret: "tls-secret", maxRetries: 0, ...extra,
  });

  it("refuses a certificate it cannot verify", async () => {
    const err = await client().externalServices.list().toArray().catch((e) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(String((err.cause as Error).message)).toMatch(/self[- ]signed|certificate/i);
    await expect(client({ bearerToken: "x" }).externalServices.list().toArray()).rejects.toBeInstanceOf(ComConnectionError);
  });

  it("trusts it through caBundle", async () => {
    expect(await client({ caBundle: ca }).externalServices.list().toArray()).toEqual([]);
  });

  it("keeps its TLS connection alive: one handshake for a token and many requests", async () => {
    const com = client({ caBundle: ca });
    const before = connections;
    for (let i = 0; i < 5; i++) await com.externalServices.list().toArray();
    expect(connections - before).toBe(1);
  });
});
