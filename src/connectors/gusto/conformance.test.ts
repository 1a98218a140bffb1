import { describeConnectorConformance } from '../testing/conformance.ts';
import { startGustoTarget } from './emulator-target.ts';

describeConnectorConformance('gusto', ({ size }) => startGustoTarget({ company: { size } }));
