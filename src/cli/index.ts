export { main } from './program.ts';
export { EXIT, CliError } from './exit.ts';
