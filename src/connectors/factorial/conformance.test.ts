import { describeConnectorConformance } from '../testing/conformance.ts';
import { startFactorialTarget } from './emulator-target.ts';

describeConnectorConformance('factorial', ({ size }) =>
  startFactorialTarget({ company: { size } }),
);
