import { Box, Text } from 'ink';

const KEYS: [string, string][] = [
  ['↑ / ↓', 'select a model (its forecast is drawn on the right)'],
  ['f', 'fit the selected model again from its stored series, as a new version (asks y/n)'],
  ['r', 'reconnect to the daemon now'],
  ['?', 'show or hide this help'],
  ['q, Ctrl-C', 'quit'],
];

/** The keys, over the panels; any key closes it. */
export function Help({ width, url }: { width: number; url: string }) {
  return (
    <Box borderStyle="double" borderColor="cyan" flexDirection="column" width={Math.min(width, 100)} paddingX={1}>
      <Text bold>modelapi dashboard — keys</Text>
      <Text> </Text>
      {KEYS.map(([k, what]) => (
        <Text key={k} wrap="truncate">
          <Text color="cyan">{k.padEnd(11)}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor>{`Watching ${url}. The screen redraws at most 10 times a second; it reconnects by itself if the daemon restarts.`}</Text>
      <Text dimColor>press any key to close</Text>
    </Box>
  );
}
