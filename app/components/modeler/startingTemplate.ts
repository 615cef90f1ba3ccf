/** The modeler starts new flows from the same diagram the studio gives a blank program. */
export { STARTING_TEMPLATE } from "../../../workflows/startingFlow";
