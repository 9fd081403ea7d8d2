/*
 * Production people and teams: the catalog with Backstage's GitHub org entity
 * provider, configured exactly as app-config.production.yaml configures it,
 * against an msw-served GitHub GraphQL API holding a small organisation.
 * Teams become Groups (members, parent team), members become Users with the
 * e-mail the OIDC resolver matches and the login the GitHub resolver matches,
 * and the platform-team the policy names is one of the ingested Groups.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import githubOrgModule from '@backstage/plugin-catalog-backend-module-github-org';
import fs from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { parse } from 'yaml';
import { until } from './__testUtils__/recording';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const production = parse(
  fs.readFileSync(path.join(ROOT, 'app-config.production.yaml'), 'utf8'),
);

interface Member {
  login: string;
  name: string;
  email: string;
}
const ALICE: Member = {
  login: 'alice-ivanova',
  name: 'Alice Ivanova',
  email: 'alice.ivanova@vsem-svoim.com',
};
const BORIS: Member = {
  login: 'boris-petrov',
  name: 'Boris Petrov',
  email: 'boris.petrov@vsem-svoim.com',
};
const CHEN: Member = {
  login: 'chen-wei',
  name: 'Chen Wei',
  email: 'chen.wei@vsem-svoim.com',
};
const TEAMS = [
  { slug: 'platform-team', name: 'Platform team', members: [ALICE] },
  {
    slug: 'data-foundation-team',
    name: 'Data foundation',
    members: [BORIS, CHEN],
    parent: 'platform-team',
  },
];

const user = (m: Member, n: number) => ({
  avatarUrl: `https://avatars.githubusercontent.com/u/${n}`,
  bio: '',
  email: m.email,
  id: `MDQ6VXNlcj${n}`,
  login: m.login,
  name: m.name,
  organizationVerifiedDomainEmails: [],
});

/** What api.github.com/graphql answers the provider's two queries with. */
function graphqlAnswer(query: string, variables: Record<string, unknown>) {
  if (variables.org !== 'vsem-svoim') {
    return { errors: [{ message: `no organisation ${variables.org}` }] };
  }
  if (query.includes('membersWithRole')) {
    return {
      data: {
        organization: {
          membersWithRole: {
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: [ALICE, BORIS, CHEN].map(user),
          },
        },
      },
    };
  }
  if (query.includes('teams(first')) {
    return {
      data: {
        organization: {
          teams: {
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: TEAMS.map(t => ({
              slug: t.slug,
              combinedSlug: `vsem-svoim/${t.slug}`,
              name: t.name,
              description: `${t.name} of the BASE App Layer`,
              avatarUrl: null,
              editTeamUrl: `https://github.com/orgs/vsem-svoim/teams/${t.slug}/edit`,
              parentTeam: t.parent ? { slug: t.parent } : null,
              members: {
                pageInfo: { hasNextPage: false },
                nodes: t.members.map(user),
              },
            })),
          },
        },
      },
    };
  }
  return { errors: [{ message: 'query not served by this test' }] };
}

describe('people and teams from the GitHub organisation (production)', () => {
  const github = setupServer();
  const queries: string[] = [];
  let server: any;

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    github.use(
      http.post('https://api.github.com/graphql', async ({ request: req }) => {
        const body = (await req.json()) as {
          query: string;
          variables: Record<string, unknown>;
        };
        if (req.headers.get('authorization') !== 'Bearer test-token') {
          return HttpResponse.json(
            { message: 'Bad credentials' },
            { status: 401 },
          );
        }
        queries.push(
          body.query.includes('membersWithRole') ? 'users' : 'teams',
        );
        return HttpResponse.json(graphqlAnswer(body.query, body.variables));
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        githubOrgModule,
        // the real scheduler: the provider's task runs as in production
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'test-token' }],
            },
            catalog: {
              providers: { githubOrg: production.catalog.providers.githubOrg },
              rules: production.catalog.rules,
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => github.close());

  const entity = (ref: string) =>
    request(server)
      .get(`/api/catalog/entities/by-name/${ref}`)
      .set('Authorization', mockCredentials.user.header());

  it('ingests the teams as Groups with their members and parent', async () => {
    const team = await until('the Group platform-team', async () => {
      const res = await entity('group/default/platform-team');
      return res.status === 200 ? res.body : undefined;
    });
    expect(team.spec.profile.displayName).toBe('Platform team');
    expect(team.metadata.annotations['backstage.io/managed-by-location']).toBe(
      'url:https://github.com/orgs/vsem-svoim/teams/platform-team',
    );
    // the policy's platform-team is the ingested team
    expect(production.permission.base.platformTeam).toBe(
      'group:default/platform-team',
    );
    const child = await until('data-foundation-team, related', async () => {
      const res = await entity('group/default/data-foundation-team');
      return res.status === 200 && res.body.relations?.length
        ? res.body
        : undefined;
    });
    expect(child.spec.parent).toBe('platform-team');
    expect(
      child.relations
        .filter((r: any) => r.type === 'hasMember')
        .map((r: any) => r.targetRef)
        .sort(),
    ).toEqual(['user:default/boris-petrov', 'user:default/chen-wei']);
    expect(queries).toEqual(expect.arrayContaining(['users', 'teams']));
  });

  it('ingests the members as Users the sign-in resolvers find', async () => {
    // GitHub sign-in (usernameMatchingUserEntityName): user:default/<login>
    const boris = await until('user boris-petrov with groups', async () => {
      const res = await entity('user/default/boris-petrov');
      return res.status === 200 && res.body.relations?.length
        ? res.body
        : undefined;
    });
    expect(boris.spec.memberOf).toEqual(['data-foundation-team']);
    expect(
      boris.relations.find((r: any) => r.type === 'memberOf')?.targetRef,
    ).toBe('group:default/data-foundation-team');

    // OIDC sign-in (emailMatchingUserEntityProfileEmail): exactly one User
    const byEmail = await request(server)
      .get('/api/catalog/entities')
      .query({
        filter: `kind=user,spec.profile.email=${ALICE.email}`,
      })
      .set('Authorization', mockCredentials.user.header());
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.map((e: any) => e.metadata.name)).toEqual([
      'alice-ivanova',
    ]);
  });

  it('has no example people: the production config reads no examples/ file', () => {
    const targets = production.catalog.locations.map(
      (l: { target: string }) => l.target,
    );
    expect(targets.filter((t: string) => t.includes('examples/'))).toEqual([]);
  });
});
