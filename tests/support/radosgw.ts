/** The tests' S3 server: the throwaway radosgw `npm run cluster` starts too (sync-server/src/cluster/engines/radosgw.ts). */
export { findCephBin, freePort, localS3Client as testS3Client, startRadosgw } from '../../sync-server/src/cluster/engines/radosgw.ts';
export type { LocalRadosgw as TestRadosgw, LocalS3Info as TestS3Info } from '../../sync-server/src/cluster/engines/radosgw.ts';
