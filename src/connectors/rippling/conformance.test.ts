import { describeConnectorConformance } from '../testing/conformance.ts';
import { startRipplingTarget } from './emulator-target.ts';

describeConnectorConformance('rippling', ({ size }) => startRipplingTarget({ company: { size } }));
