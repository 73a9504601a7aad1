// the application's page loads with the same outline as the list
export { default } from "../loading";
