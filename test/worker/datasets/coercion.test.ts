import { coercionSuite } from '../../shared/coercion-suite.ts';
import { tabSuite } from '../../shared/tab-suite.ts';

// The same cases as test/node/datasets: the catalogue must behave identically inside workerd.
coercionSuite();
tabSuite();
