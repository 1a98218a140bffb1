import { describeConnectorConformance } from '../testing/conformance.ts';
import { startWorkdayTarget } from './emulator-target.ts';

describeConnectorConformance('workday', ({ size }) => startWorkdayTarget({ company: { size } }));
