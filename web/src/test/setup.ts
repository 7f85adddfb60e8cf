// jsdom lacks what React Router reads at import time; Node's own are the same implementation browsers follow.
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
