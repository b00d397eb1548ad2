-- AlterTable
ALTER TABLE "Account" ADD COLUMN "healthBand" TEXT;
ALTER TABLE "Account" ADD COLUMN "healthComputedAt" DATETIME;
ALTER TABLE "Account" ADD COLUMN "healthScore" INTEGER;
ALTER TABLE "Account" ADD COLUMN "healthTrend30" INTEGER;
ALTER TABLE "Account" ADD COLUMN "healthTrend7" INTEGER;

-- CreateTable
CREATE TABLE "HealthModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "segment" TEXT NOT NULL DEFAULT '',
    "components" TEXT NOT NULL,
    "bands" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

-- CreateTable
CREATE TABLE "HealthSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "score" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "drivers" TEXT NOT NULL DEFAULT '[]',
    "inputs" TEXT NOT NULL DEFAULT '{}',
    "computedAt" DATETIME NOT NULL,
    CONSTRAINT "HealthSnapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventDaily" (
    "accountId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "userId" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("accountId", "day", "type", "userId"),
    CONSTRAINT "EventDaily_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
-- Added by hand: the rows live in the primary-key b-tree itself instead of a rowid table plus a
-- key index, which halves the rollup's writes (docs/decisions/0013-health.md).
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "HealthDirty" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "markedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "HealthModel_segment_key" ON "HealthModel"("segment");

-- CreateIndex
CREATE INDEX "HealthSnapshot_day_idx" ON "HealthSnapshot"("day");

-- CreateIndex
CREATE UNIQUE INDEX "HealthSnapshot_accountId_day_key" ON "HealthSnapshot"("accountId", "day");

-- CreateIndex
CREATE INDEX "EventDaily_day_idx" ON "EventDaily"("day");

-- CreateIndex
CREATE INDEX "Account_healthBand_idx" ON "Account"("healthBand");

-- CreateIndex
CREATE INDEX "Account_healthScore_idx" ON "Account"("healthScore");

