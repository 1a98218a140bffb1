import { describeConnectorConformance } from '../testing/conformance.ts';
import { startPersonioTarget } from './emulator-target.ts';

describeConnectorConformance('personio', ({ size }) => startPersonioTarget({ company: { size } }));
