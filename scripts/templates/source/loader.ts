// scaffold_source: the delivery's scaffold_source.csv as a typed table (loaders/sources/scaffold_source.ts); empty when not delivered.
import {toArrowStream} from "../../../loaders/arrow.js";
import {readConfig} from "../../../loaders/config.js";
import {deliveryDir} from "../../../loaders/pipeline/run.js";
import {readScaffoldSource} from "./reader.js";

const {table} = readScaffoldSource(await deliveryDir(readConfig()));
process.stdout.write(toArrowStream(table));
