import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { formatGbPerHour } from './format';

/** GB/h now against a target: green at or above it, amber below, "no series yet" without data. */
export const AgainstTarget = ({
  gbPerHour,
  target,
}: {
  gbPerHour?: number;
  target: number;
}) => {
  if (gbPerHour === undefined)
    return <StatusPending>no series yet</StatusPending>;
  const text = formatGbPerHour(gbPerHour);
  return gbPerHour >= target ? (
    <StatusOK>{text}</StatusOK>
  ) : (
    <StatusWarning>{text}</StatusWarning>
  );
};
