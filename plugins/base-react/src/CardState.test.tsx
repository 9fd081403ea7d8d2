import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { CardState, StaleNotice } from './CardState';

const render = (
  state: { loading: boolean; error?: Error; value?: { items: string[] } },
  upstream?: string,
) =>
  renderInTestApp(
    <CardState
      title="Widgets"
      upstream={upstream}
      state={state}
      notConfigured={{
        is: reason => reason.includes('not configured'),
        message: 'Not configured: no widget server.',
      }}
      empty={v => (v.items.length === 0 ? 'No widgets.' : undefined)}
    >
      {v => <p>{v.items.join(', ')}</p>}
    </CardState>,
  );

describe('CardState', () => {
  it('shows progress while loading, and no content', async () => {
    await render({ loading: true });
    expect(screen.getByText('Widgets')).toBeInTheDocument();
    // named, for screen readers (axe: aria-progressbar-name)
    expect(
      await screen.findByRole('progressbar', { name: 'Loading Widgets' }),
    ).toBeInTheDocument();
  });

  it("shows the upstream's error, naming the upstream, and no figures", async () => {
    await render(
      {
        loading: false,
        error: new Error('Prometheus did not answer within 3 s'),
      },
      'Prometheus',
    );
    expect(
      screen.getAllByText(/Widgets \(Prometheus\)/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByText(/Prometheus did not answer within 3 s/).length,
    ).toBeGreaterThan(0);
  });

  it('says "not configured" in words instead of an error', async () => {
    await render({
      loading: false,
      error: new Error('Prometheus is not configured'),
    });
    expect(
      screen.getByText('Not configured: no widget server.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Widgets \(/)).not.toBeInTheDocument();
  });

  it('says when there is nothing to show', async () => {
    await render({ loading: false, value: { items: [] } });
    expect(screen.getByText('No widgets.')).toBeInTheDocument();
  });

  it('draws nothing where the card has nothing to say', async () => {
    const { container } = await renderInTestApp(
      <CardState
        title="Widgets"
        state={{ loading: false, value: 0 }}
        empty={() => null}
      >
        {() => <p>content</p>}
      </CardState>,
    );
    expect(container).toHaveTextContent('');
  });

  it('shows the content', async () => {
    await render({ loading: false, value: { items: ['a', 'b'] } });
    expect(screen.getByText('a, b')).toBeInTheDocument();
  });
});

describe('StaleNotice', () => {
  it('says the data is the last good read, and when it was read', async () => {
    await renderInTestApp(
      <StaleNotice
        error="cluster base-app-layer-dev: GET /api/v1/pods did not answer within 5 s"
        readAt="2026-12-02T10:00:00Z"
      />,
    );
    expect(
      screen.getByText(
        /did not answer within 5 s\. Showing the last good data, read at .+\./,
      ),
    ).toBeInTheDocument();
  });

  it('says nothing when the answer is fresh', async () => {
    const { container } = await renderInTestApp(<StaleNotice />);
    expect(container).toHaveTextContent('');
  });
});
