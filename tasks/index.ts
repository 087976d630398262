// Every Mandate task, declared here and implemented in its own module (loaded only when run).
import type { TaskDefinition } from "hardhat/types/tasks";

export const mandateTasks: TaskDefinition[] = [];
