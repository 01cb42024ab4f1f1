export * from './edge.ts';
export * from './image-host.ts';
export * from './inference-node.ts';
export * from './paths.ts';
export * from './ports.ts';
export * from './process.ts';
export * from './redis.ts';
export * from './stack.ts';
