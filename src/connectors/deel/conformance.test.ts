import { describeConnectorConformance } from '../testing/conformance.ts';
import { startDeelTarget } from './emulator-target.ts';

describeConnectorConformance('deel', ({ size }) => startDeelTarget({ company: { size } }));
