import { Box, Text } from 'ink';

/** Shown until a first connection succeeds: where we looked, and how to start a daemon there. */
export function NoDaemon({ url, reason, retryInS, width }: { url: string; reason: string; retryInS: number; width: number }) {
  const port = new URL(url).port;
  const isDefault = url === 'http://127.0.0.1:5000';
  return (
    <Box borderStyle="round" borderColor="red" flexDirection="column" width={Math.min(width, 90)} paddingX={1}>
      <Text bold color="red">
        No modelapi daemon is reachable
      </Text>
      <Text wrap="truncate">{`Tried ${url} (${reason}).`}</Text>
      <Text> </Text>
      <Text>Start one in another terminal:</Text>
      <Text color="cyan">{`  npx modelapi serve${isDefault || !port ? '' : ` --port ${port}`}`}</Text>
      <Text> </Text>
      <Text dimColor>{`or point the dashboard elsewhere: modelapi dashboard --url URL (or MODELAPI_URL).`}</Text>
      <Text dimColor>{`Retrying ${retryInS > 0 ? `in ${retryInS}s` : 'now'}; the dashboard connects by itself. r retry now · q quit`}</Text>
    </Box>
  );
}
