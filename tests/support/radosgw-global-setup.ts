/** Vitest global setup: one S3 server (radosgw on an in-memory OSD) for the whole run (tests/support/radosgw.ts), handed to the suites by `inject('s3')`. */
import type { TestProject } from 'vitest/node';
import { startRadosgw, type TestS3Info } from './radosgw.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		s3: TestS3Info;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const server = await startRadosgw();
	console.log(`radosgw test server at ${server.endpoint}, up in ${server.startupSeconds.toFixed(1)} s`);
	const { endpoint, bucket, region, accessKeyId, secretAccessKey } = server;
	project.provide('s3', { endpoint, bucket, region, accessKeyId, secretAccessKey });
	return () => server.stop();
}
