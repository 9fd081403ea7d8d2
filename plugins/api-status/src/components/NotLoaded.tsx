import { CardState } from '@internal/plugin-base-react';

/**
 * A card before its first answer: progress while loading, else the portal
 * backend's error (the shared card states). Once there is an answer, cards
 * show it (with any later error above it) instead.
 */
export const NotLoaded = ({
  title,
  loading,
  error,
}: {
  title: string;
  loading: boolean;
  error?: Error;
}) => (
  <CardState title={title} state={{ loading: loading || !error, error }}>
    {() => null}
  </CardState>
);
