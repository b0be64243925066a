import type { AnyCommand, AnyComponent } from '../../framework/command';
import { broadcastmsg, clusters, ipcstatus } from './clusters';
import { shardalerts } from './shardalerts';
import { sharddetails } from './sharddetails';
import { shardhealth } from './shardhealth';
import { shardmonitor, shardmonitorComponents } from './shardmonitor';
import { shardreset } from './shardreset';

/** The bot owner's gateway commands: the shard monitor and the cluster view. */
export const shardCommands: AnyCommand[] = [
  shardmonitor,
  sharddetails,
  shardhealth,
  shardalerts,
  shardreset,
  clusters,
  ipcstatus,
  broadcastmsg,
];

export const shardComponents: AnyComponent[] = [...shardmonitorComponents];
