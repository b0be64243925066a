import type { ComponentHandle } from '../../../framework/command';

type P = ':id/:mode/:mask/:sync';
export interface RestoreIds {
  components: ComponentHandle<`rs.comp/${P}`>;
  mode: ComponentHandle<`rs.mode/${P}`>;
  sync: ComponentHandle<`rs.sync/${P}`>;
  go: ComponentHandle<`rs.go/${P}`>;
  dismiss: ComponentHandle<'rs.dismiss'>;
}
