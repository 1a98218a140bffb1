import { describeConnectorConformance } from '../testing/conformance.ts';
import { startNamelyTarget } from './emulator-target.ts';

describeConnectorConformance('namely', ({ size }) => startNamelyTarget({ company: { size } }));
