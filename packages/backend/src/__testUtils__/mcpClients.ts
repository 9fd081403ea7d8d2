import { mockCredentials } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type http from 'node:http';

/**
 * MCP clients (the official SDK, Streamable HTTP) against a test backend's
 * `/api/mcp-actions/v1`, each signed in as a person; the names of the tools
 * called, in order, for the audit checks.
 */
export function mcpClients(server: () => http.Server) {
  const clients: Client[] = [];
  const toolCalls: string[] = [];
  return {
    toolCalls,
    /** A client signed in as `user`. */
    async connect(user: string): Promise<Client> {
      const { port } = server().address() as { port: number };
      const client = new Client({ name: 'portal-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
          {
            requestInit: {
              headers: { authorization: mockCredentials.user.header(user) },
            },
          },
        ),
      );
      clients.push(client);
      return client;
    },
    /** A tool's answer: its JSON, or its error text. */
    async call(
      client: Client,
      name: string,
      args = {},
    ): Promise<{ value?: any; error?: string }> {
      toolCalls.push(name);
      const result = (await client.callTool({ name, arguments: args })) as {
        isError?: boolean;
        content: Array<{ type: string; text?: string }>;
      };
      const text = result.content.map(c => c.text ?? '').join('');
      if (result.isError) return { error: text };
      return { value: JSON.parse(text) };
    },
    async closeAll() {
      await Promise.all(clients.map(c => c.close().catch(() => undefined)));
    },
  };
}
