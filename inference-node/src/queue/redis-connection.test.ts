import { describe, expect, it } from 'vitest';
import { clusterNodes, keyPrefix } from './redis-connection.ts';

describe('Redis connection settings', () => {
  it('reads REDIS_CLUSTER_NODES as host:port pairs, and refuses anything else', () => {
    expect(clusterNodes('10.0.0.1:7000, redis-b:7001')).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
    ]);
    expect(clusterNodes(undefined)).toEqual([]);
    expect(() => clusterNodes('redis-a')).toThrow(/REDIS_CLUSTER_NODES: "redis-a" is not host:port/);
    expect(() => clusterNodes('redis-a:99999')).toThrow(/not host:port/);
  });

  it('makes the key prefix a hash tag on a cluster (every key in one slot), as it is otherwise', () => {
    expect(keyPrefix('veneer', true)).toBe('{veneer}');
    expect(keyPrefix('{veneer}', true)).toBe('{veneer}');
    expect(keyPrefix('veneer', false)).toBe('veneer');
  });
});
