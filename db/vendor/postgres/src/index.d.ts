// The patched copy's types are the package's own (README.md in the folder above).
import postgres from "postgres";
export default postgres;
