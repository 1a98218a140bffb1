import { describeConnectorConformance } from '../testing/conformance.ts';
import { startWorkdayRaasTarget } from './emulator-target.ts';

describeConnectorConformance('workday-raas', ({ size }) =>
  startWorkdayRaasTarget({ company: { size } }),
);
