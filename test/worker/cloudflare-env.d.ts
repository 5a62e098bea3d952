import type { Bindings } from '../../src/env.ts';

// What `cloudflare:workers` hands tests: the Worker's bindings, and its exports as loopback bindings.
declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
    interface GlobalProps {
      mainModule: typeof import('../../src/index.ts');
    }
  }
}
