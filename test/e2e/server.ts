// The static server moved to scripts/lib/static-server.ts (shared with `npm run pdf`).
export {serveStatic, type StaticServer} from "../../scripts/lib/static-server.js";
