import { InitialSchema1764300000000 } from './1764300000000-initial-schema';
import { SessionJob1764900000000 } from './1764900000000-session-job';
import { TokenRevocation1764900001000 } from './1764900001000-token-revocation';
import { SizeSource1764900002000 } from './1764900002000-size-source';
import { TableSizeStats1764900003000 } from './1764900003000-table-size-stats';
import { FleetIndexes1764900004000 } from './1764900004000-fleet-indexes';
import { KeptFleetFigures1764900005000 } from './1764900005000-kept-fleet-figures';
import { CapacityLimits1764900006000 } from './1764900006000-capacity-limits';
import { NotificationChannels1764900007000 } from './1764900007000-notification-channels';
import { Alerts1764900008000 } from './1764900008000-alerts';
import { ScaleOut1764900009000 } from './1764900009000-scale-out';

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [InitialSchema1764300000000, SessionJob1764900000000, TokenRevocation1764900001000, SizeSource1764900002000, TableSizeStats1764900003000, FleetIndexes1764900004000, KeptFleetFigures1764900005000, CapacityLimits1764900006000, NotificationChannels1764900007000, Alerts1764900008000, ScaleOut1764900009000];
