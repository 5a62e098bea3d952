import { coercionSuite } from '../../shared/coercion-suite.ts';
import { tabSuite } from '../../shared/tab-suite.ts';

coercionSuite();
tabSuite();
