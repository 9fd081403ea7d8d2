import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { errorReason } from './backendClient';

/** What a card read: still loading, the answer, or why there is none. */
export interface ReadState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

export interface CardStateProps<T> {
  title: string;
  /** Whose error a failed read is, in the error panel's title, e.g. "Prometheus". */
  upstream?: string;
  state: ReadState<T>;
  /**
   * How to tell and say that the upstream is not configured (an error the
   * card explains instead of showing); `is` gets the backend's reason.
   */
  notConfigured?: { is: (reason: string) => boolean; message: ReactNode };
  /**
   * When the answer has nothing to show: the words for it, or `null` for a
   * card that then draws nothing. Undefined: the answer is shown.
   */
  empty?: (value: T) => ReactNode | null | undefined;
  children: (value: T) => ReactNode;
}

/**
 * A card's honest states, the same on every card: progress while loading;
 * "not configured" in words where the upstream is not set up; the
 * upstream's error (never invented figures) when there is no answer;
 * "nothing to show" in words; else the card's own content, which marks a
 * stale answer with {@link StaleNotice}.
 */
export function CardState<T>(props: CardStateProps<T>) {
  const { title, upstream = 'portal backend', state, notConfigured } = props;
  if (state.loading) {
    return (
      <InfoCard title={title}>
        <Progress aria-label={`Loading ${title}`} />
      </InfoCard>
    );
  }
  if (state.error && notConfigured?.is(errorReason(state.error))) {
    return (
      <InfoCard title={title}>
        <Alert severity="info">{notConfigured.message}</Alert>
      </InfoCard>
    );
  }
  if (state.error || state.value === undefined) {
    return (
      <ResponseErrorPanel
        error={state.error ?? new Error(`${upstream} sent no answer`)}
        title={`${title} (${upstream})`}
      />
    );
  }
  const empty = props.empty?.(state.value);
  if (empty === null) return null;
  if (empty !== undefined) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2">{empty}</Typography>
      </InfoCard>
    );
  }
  return <>{props.children(state.value)}</>;
}

/**
 * Said plainly above an answer that is the last good one: the upstream's
 * error, and when that answer was read.
 */
export const StaleNotice = ({
  error,
  readAt,
  what = 'data',
}: {
  error?: string;
  readAt?: string;
  /** What is shown instead, e.g. "figures". */
  what?: string;
}) =>
  error ? (
    <Alert severity="error" sx={{ mb: 1 }}>
      {error}. Showing the last good {what}
      {readAt ? `, read at ${new Date(readAt).toLocaleString()}` : ''}.
    </Alert>
  ) : null;
