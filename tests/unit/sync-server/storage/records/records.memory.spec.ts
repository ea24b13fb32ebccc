import { MemoryRecords } from '../../../../../sync-server/src/storage/records/memory-records.ts';
import { describeAccountStoreContract } from './account-store.contract.ts';
import { describeApprovedRecordStoreContract } from './approved-record-store.contract.ts';
import { describeFileIndexStoreContract } from './file-index-store.contract.ts';
import type { OpenRecords } from './fixtures.ts';
import { describeInviteStoreContract } from './invite-store.contract.ts';
import { describeMembershipStoreContract } from './membership-store.contract.ts';
import { describeOrderStoreContract } from './order-store.contract.ts';
import { describeRecordsContract } from './records.contract.ts';
import { describeSessionStoreContract } from './session-store.contract.ts';
import { describeSubjectStoreContract } from './subject-store.contract.ts';

const open: OpenRecords = async () => {
	const records = new MemoryRecords();
	return { records, dispose: () => records.close() };
};

for (const describeContract of [
	describeAccountStoreContract,
	describeSessionStoreContract,
	describeSubjectStoreContract,
	describeMembershipStoreContract,
	describeInviteStoreContract,
	describeFileIndexStoreContract,
	describeOrderStoreContract,
	describeApprovedRecordStoreContract,
	describeRecordsContract
]) {
	describeContract('memory', open);
}
