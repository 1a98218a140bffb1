import { describeConnectorConformance } from '../testing/conformance.ts';
import { startCharlieHrTarget } from './emulator-target.ts';

describeConnectorConformance('charliehr', ({ size }) =>
  startCharlieHrTarget({ company: { size } }),
);
