// The committed snapshots: samples/heapsnapshots/leaky-service.cjs on Node 22, 1000 requests apart.
export const SNAPSHOTS = [1, 2, 3].map((step) => `samples/heapsnapshots/leaky-service-${step}.heapsnapshot.gz`);
