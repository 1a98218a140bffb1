import { describeConnectorConformance } from '../testing/conformance.ts';
import { startSageHrTarget } from './emulator-target.ts';

describeConnectorConformance('sage-hr', ({ size }) => startSageHrTarget({ company: { size } }));
