import { describeConnectorConformance } from '../testing/conformance.ts';
import { startHiBobTarget } from './emulator-target.ts';

describeConnectorConformance('hibob', ({ size }) => startHiBobTarget({ company: { size } }));
