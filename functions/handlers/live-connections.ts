// Lambda entry of the live channel's WebSocket routes ($connect, $disconnect, $default).
import { systemClock } from '../domain/ports';
import { liveRoutes } from '../live/routes';
import { liveConnections, liveTickets } from '../store/live';
import { liveTable } from '../wiring/live';

const table = liveTable();

export const handler = liveRoutes({
  tickets: liveTickets(table),
  connections: liveConnections(table),
  clock: systemClock,
});
