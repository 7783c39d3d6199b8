import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** A bordered box with a title line; `width`/`height` include the border. */
export function Panel(props: { title: ReactNode; width: number; height: number; children?: ReactNode; dim?: boolean }) {
  return (
    <Box borderStyle="round" borderColor={props.dim ? 'gray' : 'blue'} borderDimColor={props.dim} flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text bold wrap="truncate">
        {props.title}
      </Text>
      {props.children}
    </Box>
  );
}

/** Inner size of a panel: what its contents may use below the title. */
export function inner(width: number, height: number): { cols: number; lines: number } {
  return { cols: Math.max(1, width - 2), lines: Math.max(0, height - 3) };
}
