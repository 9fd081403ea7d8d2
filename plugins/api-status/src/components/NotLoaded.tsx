import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/**
 * A card before its first answer: progress while loading, else the portal
 * backend's error. Once there is an answer, cards show it (with any later
 * error above it) instead.
 */
export const NotLoaded = ({
  title,
  loading,
  error,
}: {
  title: string;
  loading: boolean;
  error?: Error;
}) =>
  loading || !error ? (
    <InfoCard title={title}>
      <Progress />
    </InfoCard>
  ) : (
    <ResponseErrorPanel error={error} title={`${title} (portal backend)`} />
  );
