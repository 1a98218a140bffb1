import { describeConnectorConformance } from '../testing/conformance.ts';
import { startBambooHrTarget } from './emulator-target.ts';

describeConnectorConformance('bamboohr', ({ size }) => startBambooHrTarget({ company: { size } }));
