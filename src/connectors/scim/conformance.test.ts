import { describeConnectorConformance } from '../testing/conformance.ts';
import { startScimTarget } from './emulator-target.ts';

describeConnectorConformance('scim', ({ size }) => startScimTarget({ company: { size } }));
